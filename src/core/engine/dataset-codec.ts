import type { Dataset } from '../data/dataset';
import { decodeBase64, encodeBase64 } from '../kernels/base64';
import { fromLittleEndian, littleEndian } from './typed-codec';
import * as v from 'valibot';
import { type DatasetPayload, DatasetPayloadSchema, type EmbeddedDataset } from '../protocol/dataset-payload';

/** A validated payload as a core dataset (the arrays are used as they are, not copied). */
export function datasetFromPayload(p: DatasetPayload): Dataset {
  return { ...p, x: p.x as Float32Array<ArrayBuffer>, y: p.y as Int32Array<ArrayBuffer>, t: p.t as Float32Array<ArrayBuffer> };
}

/** A dataset in the experiment file's embedded form (base64 of little-endian arrays, exact). */
export function embedDataset(d: Dataset): EmbeddedDataset {
  const { name, task, rows, dims, classes, featureNames, classNames, targetName } = d;
  return { name, task, rows, dims, classes, featureNames: [...featureNames], classNames: [...classNames], targetName, encoding: 'base64-le', x: encodeBase64(littleEndian(d.x)), y: encodeBase64(littleEndian(d.y)), t: encodeBase64(littleEndian(d.t)) };
}

/** Decodes an embedded dataset; the caller validates the result (DatasetPayloadSchema) before use. */
function payloadFromEmbedded(e: EmbeddedDataset): DatasetPayload {
  const { encoding: _encoding, x, y, t, ...header } = e;
  return { ...header, x: new Float32Array(fromLittleEndian(decodeBase64(x), 4)), y: new Int32Array(fromLittleEndian(decodeBase64(y), 4)), t: new Float32Array(fromLittleEndian(decodeBase64(t), 4)) };
}

/** Decodes and checks an experiment file's embedded rows; throws an Error saying what is wrong. */
export function checkedPayload(e: EmbeddedDataset): DatasetPayload {
  let payload: DatasetPayload;
  try {
    payload = payloadFromEmbedded(e);
  } catch (err) {
    throw new Error(`the experiment's embedded data ("data") cannot be decoded (${err instanceof Error ? err.message : String(err)}); the file is damaged.`, { cause: err });
  }
  const r = v.safeParse(DatasetPayloadSchema, payload);
  if (!r.success) throw new Error(`the experiment's embedded data ("data") is inconsistent: ${r.issues[0].message}; the file is damaged.`);
  return r.output;
}

/** Most feature values a dataset may have to be embedded in an experiment file (about 27 MB of base64). */
export const MAX_EMBEDDED_VALUES = 5_000_000;

/** True when a dataset is small enough to travel inside an experiment file. */
export function embeddable(d: Dataset): boolean {
  return d.rows * (d.dims + 1) <= MAX_EMBEDDED_VALUES;
}

/** float32 values as base64 of their little-endian bytes (exact). */
export function float32ToBase64(a: Float32Array): string {
  return encodeBase64(littleEndian(a));
}
