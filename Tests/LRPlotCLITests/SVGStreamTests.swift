import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import LRPlotCLI
import LRPlotEngine

/// A standard output that fails every write, like a closed pipe or a full disk.
final class FailingOutput: ByteOutput {
    private(set) var attempts = 0
    func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        attempts += 1
        throw OutputError("cannot write standard output: No space left on device")
    }
}

/// A standard output that collects the bytes and, at every write, looks into `folder`.
final class WatchingOutput: ByteOutput {
    let folder: URL
    private(set) var bytes: [UInt8] = []
    /// Files seen in `folder` while the output was being written.
    private(set) var seen: Set<String> = []

    init(watching folder: URL) { self.folder = folder }

    func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        seen.formUnion(listing(folder))
        self.bytes.append(contentsOf: bytes)
    }
}

/// `-o - --format svg`: Cairo streams the SVG straight into standard output.
@Suite struct SVGStreamCLITests {
    /// Runs lrplot in-process with `TMPDIR` set to `tmp` and standard output `out`.
    func run(_ arguments: [String], tmp: URL, out: any ByteOutput) -> (code: Int32, stderr: String) {
        let err = MemoryOutput()
        let code = LRPlotCommand.main(arguments, environment: CLIEnvironment(standardOutput: out, standardError: err,
                                                                             variables: ["TMPDIR": tmp.path]))
        return (code, err.text)
    }

    @Test func svgOnStandardOutputIsAValidDocumentAndNoTemporaryFile() throws {
        let tmp = temporaryFolder()
        let out = WatchingOutput(watching: tmp)
        let result = run(["step", "--step-size", "5", "--epochs", "40", "-o", "-", "--format", "svg"], tmp: tmp, out: out)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(out.seen.isEmpty && listing(tmp).isEmpty, "TMPDIR held \(out.seen.sorted()) while writing, \(listing(tmp)) after")

        let parser = XMLParser(data: Data(out.bytes))
        let root = RootElement()
        parser.delegate = root
        #expect(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
        #expect(root.name == "svg")
        let text = String(decoding: out.bytes, as: UTF8.self)
        #expect(text.contains("width=\"800px\"") && text.contains("<path"))

        // The same document as the SVG file of the same chart (but for the number Cairo gives the
        // surface, from a process-wide counter).
        let file = temporaryFolder().appendingPathComponent("chart.svg")
        #expect(lrplot(["step", "--step-size", "5", "--epochs", "40", "-o", file.path]).code == 0)
        func withoutSurfaceIDs(_ svg: [UInt8]) -> String {
            String(decoding: svg, as: UTF8.self).replacingOccurrences(of: #"id="surface[0-9]+""#, with: #"id="surface""#, options: .regularExpression)
        }
        #expect(withoutSurfaceIDs(try [UInt8](Data(contentsOf: file))) == withoutSurfaceIDs(out.bytes))
    }

    @Test func svgOnStandardOutputNeedsNoTemporaryFolder() {
        let missing = temporaryFolder().appendingPathComponent("does-not-exist")
        let out = MemoryOutput()
        let result = run(["exponential", "--gamma", "0.9", "-o", "-", "--format", "svg"], tmp: missing, out: out)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(out.text.hasSuffix("</svg>\n"))
    }

    @Test func aFailingStandardOutputExitsOneWithItsError() {
        let tmp = temporaryFolder()
        let out = FailingOutput()
        let result = run(["cosine", "--t-max", "50", "-o", "-", "--format", "svg"], tmp: tmp, out: out)
        #expect(result.code == 1)
        #expect(result.stderr.contains("cannot write standard output: No space left on device"), "\(result.stderr)")
        #expect(out.attempts >= 1)
        #expect(listing(tmp).isEmpty)
    }
}

/// Records the name of the document's root element.
final class RootElement: NSObject, XMLParserDelegate {
    var name: String?
    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == nil { name = elementName }
    }
}
