/** Named regions of the 468-point Face Mesh (docs/reference.md §4): the one list masks, warps and overlays use. */
export const FACE_OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93,
  234, 127, 162, 21, 54, 103, 67, 109,
] as const;

/** The face oval from ear to ear under the chin (the part lip-sync may move). */
export const JAW = [454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234] as const;
/** Nose bridge to tip and wings: the lower-face region reaches up to here. */
export const NOSE_LINE = [168, 6, 197, 195, 5, 4, 1, 2, 98, 327] as const;

export const LIPS_OUTER = [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146] as const;
export const LIPS_INNER = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95] as const;

export const FOREHEAD_TOP = 10;
export const CHIN = 152;
