using Microsoft.ML.OnnxRuntime;

namespace Squeeze.Scoring;

/// <summary>Opens and runs ONNX Runtime sessions with the errors and cancellation every Squeeze graph reports the same way.</summary>
internal static class OnnxSessions
{
    /// <summary>Opens a graph.</summary>
    /// <exception cref="ScorerException">The file is not a loadable ONNX graph.</exception>
    public static InferenceSession Open(string path, SessionOptions options)
    {
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ScorerException(path, $"is not a loadable ONNX graph ({ex.Message}).", ex);
        }
    }

    /// <summary>Runs a session; the token terminates the run in flight.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="ScorerException">The run failed.</exception>
    public static IDisposableReadOnlyCollection<OrtValue> Run(
        InferenceSession session,
        string path,
        IReadOnlyCollection<string> inputNames,
        IReadOnlyCollection<OrtValue> inputs,
        IReadOnlyCollection<string> outputNames,
        CancellationToken cancellationToken)
    {
        using var runOptions = new RunOptions();
        using CancellationTokenRegistration registration = cancellationToken.Register(static o => ((RunOptions)o!).Terminate = true, runOptions);
        try
        {
            return session.Run(runOptions, inputNames, inputs, outputNames);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ScorerException(path, $"failed to run ({ex.Message}).", ex);
        }
    }
}
