import Foundation
import Testing

/// The built `lrplot` executable beside the test bundle (`swift build --build-tests` builds both).
func lrplotExecutable() throws -> URL {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lrplot")
    let candidates = [beside, repositoryRoot.appendingPathComponent(".build/debug/lrplot")]
    return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
                        "the lrplot executable is built beside the tests")
}

/// Waits (polling, up to `limit` seconds) until `condition` holds; returns whether it did.
func eventually(within limit: Double = 60, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(limit)
    while Date() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}

/// The names in `folder` that are lrplot temporary files.
func temporaryFiles(in folder: URL) -> [String] {
    listing(folder).filter { $0.hasSuffix(".lrplot-tmp") || $0.hasPrefix(".lrplot-") }
}

/// Mounts a tmpfs of `kilobytes` at a fresh folder (root only); nil when mounting is not possible
/// here, so that a test needing a full file system can skip. Unmount with `unmount(_:)`.
func mountTinyFileSystem(kilobytes: Int) -> URL? {
    guard geteuid() == 0 else { return nil }
    let folder = temporaryFolder()
    guard mount("tmpfs", folder.path, "tmpfs", 0, "size=\(kilobytes)k") == 0 else { return nil }
    return folder
}

/// Unmounts what ``mountTinyFileSystem(kilobytes:)`` mounted.
func unmount(_ folder: URL) {
    umount2(folder.path, Int32(MNT_DETACH))
}

/// Fills `folder`'s file system until fewer than `spare` bytes are left.
func fill(_ folder: URL, leaving spare: Int) {
    let fd = open(folder.appendingPathComponent("filler").path, O_WRONLY | O_CREAT, 0o644)
    defer { close(fd) }
    var space = statvfs()
    guard fstatvfs(fd, &space) == 0 else { return }
    let free = Int(space.f_bavail) * Int(space.f_frsize)
    let block = [UInt8](repeating: 0, count: max(0, free - spare))
    _ = block.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
}
