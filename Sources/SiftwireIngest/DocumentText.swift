/// What makes a document's text unacceptable as text: NUL characters, or mostly control
/// characters and U+FFFD (what invalid UTF-8 becomes when a client repairs it), i.e. binary data.
///
/// Text with a few replacement characters (a file with a stray bad byte) is accepted as it is.
enum DocumentText {
    /// Share of suspicious scalars (C0/C1 controls other than tab, line feed, form feed, carriage
    /// return; U+FFFD) above which a document is refused as binary.
    static let binaryShare = 0.10

    /// Nil when the text is acceptable, else the reason it is refused.
    static func binaryReason(_ text: String) -> String? {
        var total = 0, suspicious = 0
        for scalar in text.unicodeScalars {
            total += 1
            switch scalar.value {
            case 0:
                return "binary document: the text contains NUL (U+0000) characters"
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                break
            case 0x01...0x1F, 0x7F...0x9F, 0xFFFD:
                suspicious += 1
            default:
                break
            }
        }
        guard total > 0, Double(suspicious) > Double(total) * binaryShare else { return nil }
        return "binary document: \(suspicious) of \(total) characters are control characters or U+FFFD (invalid UTF-8); the limit is \(Int(binaryShare * 100))%"
    }
}
