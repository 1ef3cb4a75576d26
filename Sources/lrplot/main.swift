import LRPlotCLI

exit(LRPlotCommand.main(Array(CommandLine.arguments.dropFirst()), environment: .process))
