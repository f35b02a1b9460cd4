import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { EngineError } from "../../errors/engine-error";
import type { ClipBpeTokenizer } from "../../images/clip-bpe-tokenizer";
import { embeddingMatrix, type EmbeddingMatrix } from "../../images/embedding-matrix";
import { parseClipConfig, type ClipConfig } from "../../images/parse-clip-config";
import { checkClipLayout } from "./check-clip-layout";
import { loadClipTokenizer } from "./load-clip-tokenizer";

/** A loaded CLIP model directory (see README.md in this folder for the layout). */
export interface ClipModel {
  readonly dir: string;
  readonly config: ClipConfig;
  readonly tokenizer: ClipBpeTokenizer;
  /** sha256 (hex) of the image encoder's bytes and the preprocessing: embedding caches are keyed by it. */
  readonly key: string;
  /** Raw (un-normalised) image embeddings of `n` preprocessed images, `[n, 3, size, size]` CHW floats. */
  embedImages(pixels: Float32Array, n: number): Promise<EmbeddingMatrix>;
  /** Raw text embeddings of the prompts, tokenised with the model's tokenizer. */
  embedTexts(texts: readonly string[]): Promise<EmbeddingMatrix>;
  close(): Promise<void>;
}

async function openSession(file: string, input: string, output: string, threads?: number): Promise<{ session: ort.InferenceSession; bytes: Uint8Array }> {
  if (!(await stat(file).catch(() => undefined))?.isFile()) {
    throw new EngineError("MODEL_INVALID", `${file}: missing (a CLIP model folder holds image_encoder.onnx, text_encoder.onnx and a tokenizer)`, { file });
  }
  const bytes = await readFile(file);
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, threads ? { intraOpNumThreads: threads } : {});
  } catch (error) {
    throw new EngineError("MODEL_INVALID", `${file}: not a loadable ONNX model (${(error as Error).message})`, { file });
  }
  if (!session.inputNames.includes(input) || !session.outputNames.includes(output)) {
    await session.release();
    const has = `inputs ${session.inputNames.join(", ")}; outputs ${session.outputNames.join(", ")}`;
    throw new EngineError("MODEL_INVALID", `${file}: needs input "${input}" and output "${output}", has ${has} (names are set in config.json)`, { file });
  }
  return { session, bytes };
}

async function run(session: ort.InferenceSession, feeds: Record<string, ort.Tensor>, output: string, rows: number, file: string): Promise<EmbeddingMatrix> {
  let result: ort.InferenceSession.ReturnType;
  try {
    result = await session.run(feeds);
  } catch (error) {
    throw new EngineError("MODEL_INVALID", `${file}: inference failed (${(error as Error).message})`, { file });
  }
  const tensor = result[output]!;
  if (tensor.type !== "float32" || tensor.dims.length !== 2 || tensor.dims[0] !== rows) {
    throw new EngineError("MODEL_INVALID", `${file}: output "${output}" must be float32 [${rows}, D], got ${tensor.type} [${tensor.dims.join(", ")}]`, {
      file,
    });
  }
  return embeddingMatrix(rows, tensor.dims[1]!, Float32Array.from(tensor.data as Float32Array));
}

/**
 * Loads a CLIP model directory: `config.json` (optional), `image_encoder.onnx`,
 * `text_encoder.onnx` and the tokenizer, with onnxruntime-node sessions. Missing or broken files
 * and inputs/outputs that do not fit the layout (`checkClipLayout`) are MODEL_INVALID errors naming
 * the file.
 *
 * @example
 * const clip = await loadClipModel("models/clip-vit-b32");
 * const text = await clip.embedTexts(["a photo of a dog"]);
 * await clip.close();
 */
export async function loadClipModel(dir: string, options: { threads?: number } = {}): Promise<ClipModel> {
  if (!(await stat(dir).catch(() => undefined))?.isDirectory())
    throw new EngineError("MODEL_INVALID", `${dir}: CLIP model folder does not exist`, { file: dir });
  const configFile = join(dir, "config.json");
  const configText = await readFile(configFile, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "{}";
    throw new EngineError("MODEL_INVALID", `${configFile}: cannot read (${error.code ?? error.message})`, { file: configFile });
  });
  const config = parseClipConfig(configText, configFile);
  const tokenizer = await loadClipTokenizer(dir);
  const imageFile = join(dir, "image_encoder.onnx");
  const textFile = join(dir, "text_encoder.onnx");
  const opened = await openSession(imageFile, config.imageInput, config.imageOutput, options.threads);
  const image = opened.session;
  const text = (
    await openSession(textFile, config.textInput, config.textOutput, options.threads).catch(async (error: unknown) => {
      await image.release();
      throw error;
    })
  ).session;
  try {
    checkClipLayout(image, text, config, { image: imageFile, text: textFile });
  } catch (error) {
    await Promise.all([image.release(), text.release()]);
    throw error;
  }
  const { imageSize, resizeTo, mean, std, imageInput, imageOutput } = config;
  const key = createHash("sha256").update(opened.bytes).update(JSON.stringify({ imageSize, resizeTo, mean, std, imageInput, imageOutput })).digest("hex");
  const idsType = text.inputMetadata.find((m) => m.name === config.textInput);
  const int32 = idsType?.isTensor === true && idsType.type === "int32";
  const size = config.imageSize;
  return {
    dir,
    config,
    tokenizer,
    key,
    embedImages: (pixels, n) =>
      run(
        image,
        { [config.imageInput]: new ort.Tensor("float32", pixels.subarray(0, n * 3 * size * size), [n, 3, size, size]) },
        config.imageOutput,
        n,
        imageFile,
      ),
    embedTexts: (texts) => {
      const batch = tokenizer.tokenize(texts, config.contextLength, config.padTokenId);
      const dims = [batch.n, batch.contextLength];
      const tensor = (v: BigInt64Array): ort.Tensor => (int32 ? new ort.Tensor("int32", Int32Array.from(v, Number), dims) : new ort.Tensor("int64", v, dims));
      const feeds: Record<string, ort.Tensor> = { [config.textInput]: tensor(batch.ids) };
      if (text.inputNames.includes(config.attentionMaskInput)) feeds[config.attentionMaskInput] = tensor(batch.attentionMask);
      return run(text, feeds, config.textOutput, batch.n, textFile);
    },
    close: async () => {
      await Promise.all([image.release(), text.release()]);
    },
  };
}
