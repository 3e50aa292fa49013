// Removes dist/ so that a build never ships files whose sources were deleted.
require('fs').rmSync(require('path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
