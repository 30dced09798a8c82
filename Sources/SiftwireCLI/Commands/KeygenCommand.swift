import ArgumentParser
import SiftwireConsole
import SiftwireClient
import SiftwireStack
import Foundation
import SiftwireMessaging

/// `siftwire keygen NAME --out DIR`: a CURVE key pair as DIR/NAME.public and DIR/NAME.secret (0600).
struct KeygenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make a CURVE key pair: NAME.public (for allow-lists and clients) and NAME.secret (mode 0600).")

    @Argument(help: "Name of the key pair (file names and the name logged when it connects).") var name = "siftwire"
    @Option(help: "Directory to write the two files to (made with mode 0700 if missing).") var out = "."

    func run() async throws {
        guard CurveKeyPair.isSupported else { throw CommandFailure("this libzmq was built without CURVE support") }
        let pair = try CurveKeyPair.generate()
        let files = try CurveKeyFiles.write(pair, name: name, directory: URL(fileURLWithPath: out))
        print("public key \(pair.publicKey.z85)")
        print("wrote \(files.publicFile.path) and \(files.secretFile.path) (mode 0600)")
    }
}
