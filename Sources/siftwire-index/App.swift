import SiftwireIndex

@main
struct App {
    static func main() async {
        await IndexCommand.main()
    }
}
