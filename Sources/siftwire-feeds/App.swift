import SiftwireFeeds

@main
struct App {
    static func main() async {
        await FeedsCommand.main()
    }
}
