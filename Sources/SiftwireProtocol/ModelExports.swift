// The model's values are the protocol's vocabulary: whoever speaks the protocol sees them.
@_exported import SiftwireModel
