/** Photos on the phone before they leave it: the position the camera wrote
 * in the EXIF data is read, then the photo is redrawn on a canvas at most
 * 1,600 px on its long side, which drops every EXIF tag (position, camera,
 * date). */

export const MAX_SIDE = 1600;
const JPEG_QUALITY = 0.85;

function rational(view, offset, little) {
    const numerator = view.getUint32(offset, little);
    const denominator = view.getUint32(offset + 4, little);
    return denominator ? numerator / denominator : 0;
}

function readIfd(view, tiff, offset, little) {
    const tags = {};
    const count = view.getUint16(tiff + offset, little);
    for (let i = 0; i < count; i++) {
        const entry = tiff + offset + 2 + i * 12;
        const tag = view.getUint16(entry, little);
        const type = view.getUint16(entry + 2, little);
        const valueOffset = view.getUint32(entry + 8, little);
        if (type === 2) {
            tags[tag] = String.fromCharCode(view.getUint8(entry + 8));
        } else if (type === 5) {
            tags[tag] = [0, 1, 2].map((n) => rational(view, tiff + valueOffset + n * 8, little));
        } else {
            tags[tag] = valueOffset;
        }
    }
    return tags;
}

/** {lat, lon} from the EXIF GPS tags of a JPEG, or null. */
export function exifPosition(buffer) {
    try {
        const view = new DataView(buffer);
        if (view.getUint16(0) !== 0xffd8) {
            return null;
        }
        let offset = 2;
        while (offset + 4 < view.byteLength) {
            const marker = view.getUint16(offset);
            const size = view.getUint16(offset + 2);
            if (marker === 0xffe1 && view.getUint32(offset + 4) === 0x45786966) {
                const tiff = offset + 10;
                const little = view.getUint16(tiff) === 0x4949;
                const ifd0 = readIfd(view, tiff, view.getUint32(tiff + 4, little), little);
                if (!ifd0[0x8825]) {
                    return null;
                }
                const gps = readIfd(view, tiff, ifd0[0x8825], little);
                if (!gps[2] || !gps[4]) {
                    return null;
                }
                const degrees = ([d, m, s]) => d + m / 60 + s / 3600;
                const lat = degrees(gps[2]) * (gps[1] === "S" ? -1 : 1);
                const lon = degrees(gps[4]) * (gps[3] === "W" ? -1 : 1);
                return Number.isFinite(lat) && Number.isFinite(lon) && (lat || lon) ? { lat, lon } : null;
            }
            if ((marker & 0xff00) !== 0xff00) {
                return null;
            }
            offset += 2 + size;
        }
    } catch {
        return null;
    }
    return null;
}

async function decode(file) {
    if (window.createImageBitmap) {
        try {
            return await createImageBitmap(file, { imageOrientation: "from-image" });
        } catch {
            // fall back on an <img> (older Safari)
        }
    }
    const url = URL.createObjectURL(file);
    try {
        const image = new Image();
        image.src = url;
        await image.decode();
        return image;
    } finally {
        URL.revokeObjectURL(url);
    }
}

/** The photo made smaller and without EXIF, and the position it held:
 * ``{file, position}``. A photo the browser cannot draw (HEIC on some
 * phones) is sent as it is. */
export async function preparePhoto(file) {
    const position = exifPosition(await file.arrayBuffer());
    let image;
    try {
        image = await decode(file);
    } catch {
        return { file, position };
    }
    const width = image.width;
    const height = image.height;
    const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", JPEG_QUALITY));
    if (!blob) {
        return { file, position };
    }
    const name = (file.name || "photo").replace(/\.[^.]*$/, "") + ".jpg";
    return { file: new File([blob], name, { type: "image/jpeg" }), position };
}
