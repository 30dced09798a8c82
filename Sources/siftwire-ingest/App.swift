import SiftwireIngest

@main
struct App {
    static func main() async {
        await IngestCommand.main()
    }
}
