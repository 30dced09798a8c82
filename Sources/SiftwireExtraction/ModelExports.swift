// The engine reads `SourceDocument` and answers `Extraction`: its callers see the model's values.
@_exported import SiftwireModel
