// The tests reach the output test hook (CliApp.Run with a stream wrapper) and the safe writer itself.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("CIA.Cli.Tests")]
