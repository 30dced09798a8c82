import SiftwireQuery

@main
struct App {
    static func main() async {
        await QueryCommand.main()
    }
}
