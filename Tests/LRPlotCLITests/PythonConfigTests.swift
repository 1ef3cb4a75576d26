import Foundation
import Testing
@testable import LRPlotCLI

/// An MMEngine config is Python: the evaluator runs it to its globals, its `_base_` files (relative
/// to it) are merged under it, and the MMEngine reader draws its `param_scheduler`.
@Suite struct PythonConfigTests {
    @Test func anMMEngineConfigWithABaseFileIsEvaluatedAndRead() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "train_cfg = dict(by_epoch=True, max_epochs=12, val_interval=1)\noptim_wrapper = dict(type='OptimWrapper', optimizer=dict(type='SGD', lr=0.02, momentum=0.9))\n"
            .write(to: folder.appendingPathComponent("base.py"), atomically: true, encoding: .utf8)
        let config = folder.appendingPathComponent("retina.py")
        try """
        _base_ = ['./base.py']
        max_epochs = 12
        param_scheduler = [
            dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0, end=500),
            dict(type='MultiStepLR', begin=0, end=max_epochs, by_epoch=True, milestones=[8, 11], gamma=0.1)
        ]
        """.write(to: config, atomically: true, encoding: .utf8)
        let result = lrplot([config.path, "--steps-per-epoch", "100", "-o", "-"])
        #expect(result.code == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n")
        // 12 epochs of 100 iterations, the base file's lr 0.02 warmed up from 0.001 of it.
        #expect(rows.count == 1201)
        #expect(rows.dropFirst().first?.hasPrefix("0,2e-05,") == true, "\(rows.prefix(2))")
        #expect(result.stderr.contains("LinearLR reaches end_factor"), "\(result.stderr)")
        // A base file that is not there is named.
        try "_base_ = ['./missing.py']\nparam_scheduler = dict(type='ConstantLR')\n".write(to: config, atomically: true, encoding: .utf8)
        let missing = lrplot([config.path, "--steps-per-epoch", "10", "-o", "-"])
        #expect(missing.code == 2)
        #expect(missing.stderr.contains("missing.py"), "\(missing.stderr)")
    }
}
