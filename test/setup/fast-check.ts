import fc from 'fast-check';

// A property test's `maxLength` is the size it means to reach. fast-check's default size
// ('small') stops arrays and strings near ten items whatever `maxLength` says, which left
// paths for long inputs (sorting over 32 hits, snippets whose window misses most of a
// text) untested.
fc.configureGlobal({ defaultSizeToMaxWhenMaxSpecified: true });
