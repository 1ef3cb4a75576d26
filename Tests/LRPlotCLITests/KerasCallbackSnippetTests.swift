import Foundation
import Testing

/// Keras's `LearningRateScheduler(schedule)` in a snippet, beyond the parity fixtures (keras_*.py):
/// Keras's own errors, what lrplot refuses, and where the optimizer's lr comes from.
@Suite struct KerasCallbackSnippetTests {
    /// Runs `source` as `snippet.py` with `arguments`, CSV to stdout.
    func run(_ source: String, _ arguments: [String] = []) throws -> (RunResult, URL) {
        let folder = temporaryFolder()
        let snippet = folder.appendingPathComponent("snippet.py")
        try Data(source.utf8).write(to: snippet)
        return (lrplot([snippet.path, "--format", "csv", "-o", "-"] + arguments), folder)
    }

    func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
    }

    @Test func aScheduleReturningAnIntIsKerasValueError() throws {
        let (result, folder) = try run("import keras\ndef s(epoch, lr):\n    return 1 if epoch > 2 else lr\ncb = keras.callbacks.LearningRateScheduler(s)\n", ["--epochs", "6"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.code == 2)
        #expect(result.stderr.contains("The output of the `schedule` function should be a float. Got: 1"), "\(result.stderr)")
        #expect(result.stderr.contains("step 3"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func kerasOpsAreRefusedAtTheirLine() throws {
        let (result, folder) = try run("import keras\ndef s(epoch, lr):\n    return lr * keras.ops.exp(-0.1)\ncb = keras.callbacks.LearningRateScheduler(s)\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.code == 2)
        #expect(result.stderr.contains("snippet.py:3:") && result.stderr.contains("keras.ops.exp") && result.stderr.contains("math.exp"), "\(result.stderr)")
    }

    @Test func kerasReduceLROnPlateauIsRefused() throws {
        let (result, folder) = try run("import keras\ncb = keras.callbacks.ReduceLROnPlateau(monitor='val_loss')\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.code == 2)
        #expect(result.stderr.contains("snippet.py:2:") && result.stderr.contains("ReduceLROnPlateau"), "\(result.stderr)")
    }

    @Test func aTypeErrorInsideTheTwoArgumentCallFallsBackToTheOldAPI() throws {
        // Keras retries schedule(epoch) on any TypeError; here that call lacks `lr`, as in Keras.
        let (result, folder) = try run("import keras\ndef s(epoch, lr):\n    return lr + 'x'\ncb = keras.callbacks.LearningRateScheduler(s)\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.code == 2)
        #expect(result.stderr.contains("missing 1 required positional argument: 'lr'"), "\(result.stderr)")
    }

    @Test func explicitLROverridesTheKerasOptimizerAndIsRoundedToFloat32() throws {
        let source = "import keras\nopt = keras.optimizers.SGD(learning_rate=0.01)\ncb = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr)\n"
        let (plain, f1) = try run(source, ["--epochs", "3"])
        let (overridden, f2) = try run(source, ["--epochs", "3", "--lr", "0.3"])
        defer { for f in [f1, f2] { try? FileManager.default.removeItem(at: f) } }
        #expect(plain.code == 0 && overridden.code == 0, "\(plain.stderr)\(overridden.stderr)")
        #expect(rows(plain.stdout).map { $0[1] } == Array(repeating: "\(Double(Float(0.01)))", count: 3))
        #expect(rows(overridden.stdout).map { $0[1] } == Array(repeating: "\(Double(Float(0.3)))", count: 3))
    }

    @Test func tfKerasOptimizerTakesTheLRPositionallyAsFloat32() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let snippet = folder.appendingPathComponent("snippet.py"), csv = folder.appendingPathComponent("out.csv")
        try Data("import tensorflow as tf\nopt = tf.keras.optimizers.SGD(0.02)\nprint(opt.learning_rate)\ncb = tf.keras.callbacks.LearningRateScheduler(lambda e: 0.5 ** e)\n".utf8).write(to: snippet)
        let result = lrplot([snippet.path, "--epochs", "3", "--format", "csv", "-o", csv.path])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout == "\(Double(Float(0.02)))\n", "\(result.stdout)")
        #expect(rows(try String(contentsOf: csv, encoding: .utf8)).map { $0[1] } == ["1.0", "0.5", "0.25"])
    }
}
