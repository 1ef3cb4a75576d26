import LRPlotCLI
import LRPlotEngine

exit(LRPlotCommand.main(Array(CommandLine.arguments.dropFirst()), environment: .process))
