using Microsoft.ML.OnnxRuntime;

namespace Squeeze.Scoring;

/// <summary>Builds ONNX Runtime session options with the requested execution provider appended.</summary>
internal static class ExecutionProviders
{
    public static SessionOptions CreateSessionOptions(OnnxScorerOptions options)
    {
        var session = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.IntraOpNumThreads,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        try
        {
            Append(session, options.ExecutionProvider, options.DeviceId);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    internal static string? NativeName(string provider) => provider.ToUpperInvariant() switch
    {
        "CPU" => "CPUExecutionProvider",
        "CUDA" => "CUDAExecutionProvider",
        "TENSORRT" => "TensorrtExecutionProvider",
        "DML" or "DIRECTML" => "DmlExecutionProvider",
        "COREML" => "CoreMLExecutionProvider",
        "OPENVINO" => "OpenVINOExecutionProvider",
        "ROCM" => "ROCMExecutionProvider",
        "MIGRAPHX" => "MIGraphXExecutionProvider",
        "DNNL" => "DnnlExecutionProvider",
        _ => null,
    };

    private static void Append(SessionOptions session, string provider, int deviceId)
    {
        string key = provider.ToUpperInvariant();
        if (key == "CPU")
        {
            return;
        }

        string? native = NativeName(provider);
        if (native is not null && !Array.Exists(OrtEnv.Instance().GetAvailableProviders(), p => p == native))
        {
            throw Missing(provider, null);
        }

        try
        {
            switch (key)
            {
                case "CUDA": session.AppendExecutionProvider_CUDA(deviceId); break;
                case "TENSORRT": session.AppendExecutionProvider_Tensorrt(deviceId); break;
                case "DML" or "DIRECTML": session.AppendExecutionProvider_DML(deviceId); break;
                case "COREML": session.AppendExecutionProvider_CoreML(); break;
                case "OPENVINO": session.AppendExecutionProvider_OpenVINO(); break;
                case "ROCM": session.AppendExecutionProvider_ROCm(deviceId); break;
                case "MIGRAPHX": session.AppendExecutionProvider_MIGraphX(deviceId); break;
                case "DNNL": session.AppendExecutionProvider_Dnnl(); break;
                default: session.AppendExecutionProvider(provider); break;
            }
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException or NotSupportedException or TypeLoadException)
        {
            throw Missing(provider, ex);
        }
    }

    private static ScorerException Missing(string provider, Exception? cause) => new(
        $"The execution provider '{provider}' is not available: the ONNX Runtime native library in use (package Microsoft.ML.OnnxRuntime) lacks it "
        + $"(available: {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())}). Reference an ONNX Runtime package built with '{provider}' "
        + "(for CUDA, Microsoft.ML.OnnxRuntime.Gpu) or use \"cpu\"." + (cause is null ? string.Empty : $" ({cause.Message})"),
        cause);
}
