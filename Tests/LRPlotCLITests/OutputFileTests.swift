import Foundation
import Testing
@testable import LRPlotCLI
import LRPlotEngine
import SystemPackage

/// What `-o PATH` does to what is already there (README, "What happens to the output file").
@Suite struct OutputFileTests {
    static let formats = ["csv", "json", "png", "svg", "pdf"]

    /// The mode bits of `path` (without following a last symlink when `link`).
    func mode(_ path: String, link: Bool = false) -> mode_t {
        var info = stat()
        _ = link ? lstat(path, &info) : stat(path, &info)
        return info.st_mode
    }

    @Test(arguments: formats)
    func devNullStaysADeviceAndTheRunSucceeds(_ format: String) {
        let r = lrplot(["step", "--step-size", "5", "-o", "/dev/null", "--format", format])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(mode("/dev/null") & S_IFMT == S_IFCHR)
    }

    @Test(arguments: formats)
    func aFullDeviceIsWrittenInPlaceAndFailsWithItsErrno(_ format: String) {
        let r = lrplot(["step", "--step-size", "5", "-o", "/dev/full", "--format", format])
        #expect(r.code == 1)
        #expect(r.stderr == "lrplot: error: cannot write '/dev/full': No space left on device\n")
        #expect(mode("/dev/full") & S_IFMT == S_IFCHR)
    }

    @Test func aDeviceWithoutExtensionDefaultsToCSV() {
        #expect(lrplot(["step", "--step-size", "5", "-o", "/dev/null"]).code == 0)
        #expect(lrplot(["step", "--step-size", "5", "-o", "/dev/full"]).stderr.contains("No space left on device"))
    }

    @Test func aSymlinkIsFollowedAndItsTargetKeepsItsMode() throws {
        let folder = temporaryFolder()
        let target = folder.appendingPathComponent("real.csv").path
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        chmod(target, 0o640)
        symlink("real.csv", folder.appendingPathComponent("link.csv").path)
        let r = lrplot(["step", "--step-size", "5", "--epochs", "3", "-o", folder.appendingPathComponent("link.csv").path])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(mode(folder.appendingPathComponent("link.csv").path, link: true) & S_IFMT == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("epoch,lr0"))
        #expect(mode(target) & 0o7777 == 0o640)
        #expect(listing(folder) == ["link.csv", "real.csv"])
    }

    @Test func aReplacedFileKeepsItsModeAndANewFileFollowsTheUmask() throws {
        let folder = temporaryFolder()
        let old = folder.appendingPathComponent("old.png").path
        try "x".write(toFile: old, atomically: false, encoding: .utf8)
        chmod(old, 0o604)
        #expect(lrplot(["step", "--step-size", "5", "-o", old]).code == 0)
        #expect(mode(old) & 0o7777 == 0o604)
        let fresh = folder.appendingPathComponent("new.csv").path
        let mask = umask(0o022)
        umask(mask)
        #expect(lrplot(["step", "--step-size", "5", "-o", fresh]).code == 0)
        #expect(mode(fresh) & 0o7777 == 0o666 & ~mask)
    }

    @Test func aFIFOIsWrittenInPlace() throws {
        let fifo = temporaryFolder().appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        // A reader first (non-blocking open), so that lrplot's open does not wait; 100 rows fit in the pipe.
        let reader = open(fifo.path, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        let r = lrplot(["step", "--step-size", "5", "--format", "csv", "-o", fifo.path])
        #expect(r.code == 0, "\(r.stderr)")
        var bytes = [UInt8](repeating: 0, count: 1 << 16)
        let n = bytes.withUnsafeMutableBytes { read(reader, $0.baseAddress, $0.count) }
        #expect(n > 0 && String(decoding: bytes[0..<max(0, n)], as: UTF8.self) == lrplot(["step", "--step-size", "5"]).stdout)
        #expect(mode(fifo.path) & S_IFMT == S_IFIFO)
    }

    @Test func devFdNWritesToTheInheritedDescriptor() throws {
        // A pipe, as bash's -o >(wc -c) passes it.
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let r = lrplot(["step", "--step-size", "5", "--format", "csv", "-o", "/dev/fd/\(ends[1])"])
        close(ends[1])
        #expect(r.code == 0, "\(r.stderr)")
        var bytes = [UInt8](repeating: 0, count: 1 << 16)
        let n = bytes.withUnsafeMutableBytes { read(ends[0], $0.baseAddress, $0.count) }
        #expect(n > 0 && String(decoding: bytes[0..<max(0, n)], as: UTF8.self).hasPrefix("epoch,lr0,beta1_0,loss\n0,0.1,"))

        // A regular file opened by the shell (`3>file`): written at its offset, the same inode kept.
        let file = temporaryFolder().appendingPathComponent("out.csv").path
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        var before = stat(), after = stat()
        fstat(fd, &before)
        #expect(lrplot(["step", "--step-size", "5", "--format", "csv", "-o", "/proc/self/fd/\(fd)"]).code == 0)
        stat(file, &after)
        #expect(before.st_ino == after.st_ino)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == lrplot(["step", "--step-size", "5"]).stdout)
    }

    @Test func aLongFileNameWorksAndItsTemporaryNameFits() throws {
        let folder = temporaryFolder()
        let name = String(repeating: "é", count: 123) + ".csv"  // 250 bytes
        #expect(name.utf8.count == 250)
        let r = lrplot(["step", "--step-size", "5", "-o", folder.appendingPathComponent(name).path])
        #expect(r.code == 0, "\(r.stderr)")
        #expect(listing(folder) == [name])
        let temporary = OutputFile.temporaryName(for: name, unique: "4194304-12")
        let suffix = ".4194304-12.lrplot-tmp"
        #expect(temporary.utf8.count <= 255 && temporary.hasPrefix(".") && temporary.hasSuffix(suffix))
        // Cut at a character boundary (no half of a two-byte é), keeping as much of the name as fits.
        let kept = String(temporary.dropFirst().dropLast(suffix.count))
        #expect(name.hasPrefix(kept) && kept.allSatisfy { $0 == "é" } && kept.utf8.count >= 255 - 1 - suffix.utf8.count - 1)
    }

    @Test func aFolderIsRefusedAndAMissingFolderNamed() {
        let folder = temporaryFolder()
        #expect(lrplot(["step", "--step-size", "5", "-o", folder.path, "--format", "csv"]).stderr.contains("it is a folder"))
        let missing = lrplot(["step", "--step-size", "5", "-o", folder.appendingPathComponent("no/x.csv").path])
        #expect(missing.code == 1 && missing.stderr.contains("the folder '\(folder.path)/no/' does not exist"))
    }

    /// On a full file system every format fails with the errno's message, leaves the old file as
    /// it was and no temporary file behind (a PDF is checked for its end marker: Cairo 1.16 can
    /// report success for a PDF cut short).
    @Test(arguments: formats)
    func aFullDiskLeavesTheOldFileAlone(_ format: String) throws {
        guard let folder = mountTinyFileSystem(kilobytes: 64) else { return }  // not root or no tmpfs: nothing to test here
        defer { unmount(folder) }
        let target = folder.appendingPathComponent("chart.\(format)").path
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        fill(folder, leaving: 6000)
        let r = lrplot(["step", "--step-size", "5", "--epochs", "2000", "-o", target])
        #expect(r.code == 1)
        #expect(r.stderr.contains("No space left on device"), "\(r.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old\n")
        #expect(temporaryFiles(in: folder).isEmpty)
    }

    /// An immutable file (`chattr +i`), which not even root may write, is refused and left alone.
    @Test func anImmutableFileIsNotReplaced() throws {
        let folder = temporaryFolder()
        let target = folder.appendingPathComponent("frozen.csv").path
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        func chattr(_ flag: String) -> Bool {
            guard let tool = ["/usr/bin/chattr", "/bin/chattr"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return false }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = [flag, target]
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
        guard chattr("+i") else { return }  // no chattr, not root, or a file system without the flag
        defer { _ = chattr("-i") }
        let r = lrplot(["step", "--step-size", "5", "-o", target])
        #expect(r.code == 1)
        #expect(r.stderr == "lrplot: error: cannot write '\(target)': Operation not permitted\n")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old\n")
        #expect(temporaryFiles(in: folder).isEmpty)
    }

    /// The shell's `>` rule: what the user may not write is not replaced. Run as another user
    /// (`setpriv`), since root may overwrite a read-only file just as its shell may.
    @Test func aReadOnlyFileIsNotReplacedForAnOrdinaryUser() throws {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        let executable = try lrplotExecutable()
        guard access(executable.path, X_OK) == 0 else { return }
        let folder = temporaryFolder()
        chmod(folder.path, 0o777)
        let target = folder.appendingPathComponent("locked.csv").path
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        chown(target, 65534, 65534)
        chmod(target, 0o444)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", executable.path, "step", "--step-size", "5", "-o", target]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard !message.hasPrefix("setpriv:") else { return }  // nobody may not run the binary here
        #expect(process.terminationStatus == 1)
        #expect(message == "lrplot: error: cannot write '\(target)': Permission denied\n")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old\n")
        #expect(temporaryFiles(in: folder).isEmpty)
    }
}
