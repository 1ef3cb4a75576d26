import Foundation
import Testing
@testable import LRPlotCLI
import LRPlotTestSupport

@Suite struct CommandTests {
    @Test func csvOnStandardOutputByDefault() {
        let r = lrplot(["step", "--step-size", "2", "--epochs", "4", "--lr", "1"])
        #expect(r.code == 0)
        #expect(r.stdout.split(separator: "\n").map { $0.split(separator: ",").prefix(2).joined(separator: ",") }
                == ["epoch,lr0", "0,1.0", "1,1.0", "2,0.1", "3,0.1"])
    }

    @Test(arguments: ["png", "svg", "csv"])
    func writesEachFormatAtomically(_ ext: String) throws {
        let folder = temporaryFolder()
        let path = folder.appendingPathComponent("out.\(ext)").path
        let r = lrplot(["step", "--step-size", "5", "--gamma", "0.9", "-o", path])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(listing(folder) == ["out.\(ext)"])
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        switch ext {
        case "png":
            #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            let image = try RGBAImage.load(png: path)
            #expect(image.width == 800 && image.height == 500)
        case "svg":
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains("<svg") && text.contains("width=\"800px\"") && text.contains("height=\"500px\""))
        default:
            #expect(String(decoding: data, as: UTF8.self).hasPrefix("epoch,lr0,beta1_0,loss\n"))
        }
    }

    @Test func formatFlagOverridesTheExtensionAndSizeFlagsApply() throws {
        let folder = temporaryFolder()
        let path = folder.appendingPathComponent("chart.out").path
        #expect(lrplot(["exponential", "--gamma", "0.9", "--format", "png", "--width", "400", "--height", "300", "-o", path]).code == 0)
        let image = try RGBAImage.load(png: path)
        #expect(image.width == 400 && image.height == 300)
    }

    @Test func badValuesExitTwoAndLeaveNoFile() throws {
        let folder = temporaryFolder()
        let path = folder.appendingPathComponent("x.png").path
        let r = lrplot(["step", "--step-size", "0", "-o", path])
        #expect(r.code == 2)
        #expect(r.stderr.hasPrefix("lrplot: error: --step-size"))
        #expect(listing(folder).isEmpty)
    }

    @Test func failureMidRunLeavesAnExistingFileUntouched() throws {
        let folder = temporaryFolder()
        let path = folder.appendingPathComponent("keep.csv")
        try "precious\n".write(to: path, atomically: true, encoding: .utf8)
        let r = lrplot(["lambda", "--lr-lambda", "1 / (epoch - 50)", "-o", path.path])
        #expect(r.code == 2)
        #expect(r.stderr.contains("--lr-lambda") && r.stderr.contains("ZeroDivisionError") && r.stderr.contains("epoch=50"))
        #expect(try String(contentsOf: path, encoding: .utf8) == "precious\n")
        #expect(listing(folder) == ["keep.csv"])
    }

    @Test func unwritablePathsAreRuntimeErrors() {
        let folder = temporaryFolder()
        let missing = lrplot(["step", "--step-size", "5", "-o", folder.appendingPathComponent("no/such/x.png").path])
        #expect(missing.code == 1 && missing.stderr.contains("does not exist"))
        let directory = lrplot(["step", "--step-size", "5", "-o", folder.path + "/"])
        #expect(directory.code != 0)
        #expect(listing(folder).isEmpty)
    }

    @Test func unknownExtensionAndBinaryToStdoutAreUsageErrors() {
        let folder = temporaryFolder()
        #expect(lrplot(["step", "--step-size", "5", "-o", folder.appendingPathComponent("x.jpg").path]).code == 2)
        #expect(lrplot(["step", "--step-size", "5", "-o", "-", "--format", "png"]).code == 2)
        #expect(listing(folder).isEmpty)
    }

    @Test func listHelpAndVersionComeFromTheRegistry() {
        let list = lrplot(["list"])
        #expect(list.code == 0)
        for name in ["lambda", "step", "multistep", "exponential", "cosine", "noam", "warmup", "CosineAnnealingLR"] {
            #expect(list.stdout.contains(name))
        }
        let help = lrplot(["help", "cosine"])
        #expect(help.stdout.contains("--t-max, --T_max") && help.stdout.contains("--eta-min"))
        #expect(lrplot(["--help"]).stdout.contains("--epochs"))
        #expect(lrplot(["--version"]).stdout.hasPrefix("lrplot "))
    }

    @Test func pythonCallFormGivesTheSameNumbersAsFlags() throws {
        let a = lrplot(["CosineAnnealingLR(optimizer, T_max=30, eta_min=0.001)", "--epochs", "50"])
        let b = lrplot(["cosine", "--t-max", "30", "--eta-min", "0.001", "--epochs", "50"])
        #expect(a.code == 0 && a.stdout == b.stdout)
    }

    @Test func hugeRunsStreamWithoutStoringRows() throws {
        let folder = temporaryFolder()
        let path = folder.appendingPathComponent("big.png").path
        let r = lrplot(["cosine", "--t-max", "50000", "--epochs", "200000", "-o", path])
        #expect(r.code == 0)
        #expect(try RGBAImage.load(png: path).width == 800)
    }
}
