import SiftwireWeb

@main
struct App {
    static func main() async {
        await WebCommand.main()
    }
}
