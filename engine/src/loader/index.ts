/** The edge that reads a library from disk (uses fs; the engine core never does). */
export { loadLibrary, loadLibrarySync, loadCatalogues, staleFiles, validateFilesSync, type LoadedLibrary, type LoadOptions } from './load-library';
export { discoverLibrary, findProcedureFiles, findLibraryRoot, isProcedureFile, type LibraryDiscovery } from './files';
export { readCatalogue } from './catalogues';
export { fileLibraryCache, engineFingerprint, type LibraryCache, type CachedProcedureFile } from './cache';
