import SiftwireCLI

@main
struct App {
    static func main() async {
        await SiftwireCommand.main()
    }
}
