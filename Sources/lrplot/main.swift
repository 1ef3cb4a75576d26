import LRPlotCLI

// Temporary files are removed on SIGINT, SIGTERM and SIGHUP; a closed pipe is an EPIPE error.
SignalCleanup.install()
SignalCleanup.exit(LRPlotCommand.main(Array(CommandLine.arguments.dropFirst()), environment: .process))
