extension Duration {
    /// The duration as fractional seconds, for reports, rates and health readings.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
