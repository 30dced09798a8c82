/// When to log the n-th dropped message: the first ten, then every thousandth, so a flood of
/// garbage cannot flood the log (the counter, shown in `health`, still counts every one).
public enum DropLogging {
    public static func shouldLog(_ count: Int) -> Bool {
        count <= 10 || count % 1000 == 0
    }
}
