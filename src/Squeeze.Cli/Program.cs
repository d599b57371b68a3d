using Squeeze.Cli;

return await SqueezeCli.RunAsync(args, Console.In, Console.Out, Console.Error).ConfigureAwait(false);
