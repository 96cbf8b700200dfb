using Oso.Cli;

return await OsoCli.RunAsync(args, CliContext.FromConsole()).ConfigureAwait(false);
