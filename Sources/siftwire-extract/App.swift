import SiftwireExtract

@main
struct App {
    static func main() async {
        await ExtractCommand.main()
    }
}
