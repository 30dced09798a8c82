import Foundation

/// A multipart message: the frames libzmq delivers atomically, and the envelope's frames on the wire.
public typealias Frames = [Data]
