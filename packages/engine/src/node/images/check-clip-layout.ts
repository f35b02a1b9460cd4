import type * as ort from "onnxruntime-node";
import { EngineError } from "../../errors/engine-error";
import type { ClipConfig } from "../../images/parse-clip-config";

type Io = ort.InferenceSession["inputMetadata"][number];

const shapeOf = (m: Io | undefined): readonly (number | string)[] | undefined => (m?.isTensor ? m.shape : undefined);
const show = (shape: readonly (number | string)[]): string => `[${shape.join(", ")}]`;
const fixed = (d: number | string | undefined): d is number => typeof d === "number" && d > 0;

/**
 * Checks the declared inputs and outputs of a CLIP folder's encoders against `config.json`
 * before anything runs: the image input is float32 `[N, 3, imageSize, imageSize]`, the token input
 * int64/int32 `[N, contextLength]`, both outputs `[N, D]` with the same D where declared. Dynamic
 * dimensions pass. Throws MODEL_INVALID naming the file, the tensor and both numbers.
 *
 * @example
 * checkClipLayout(imageSession, textSession, config, { image: "clip/image_encoder.onnx", text: "clip/text_encoder.onnx" });
 */
export function checkClipLayout(image: ort.InferenceSession, text: ort.InferenceSession, config: ClipConfig, files: { image: string; text: string }): void {
  const fail = (file: string, message: string): never => {
    throw new EngineError("MODEL_INVALID", `${file}: ${message} (see the CLIP model folder layout in the engine's images README)`, { file });
  };
  const pixels = image.inputMetadata.find((m) => m.name === config.imageInput);
  const pixelShape = shapeOf(pixels);
  if (pixels?.isTensor && pixels.type !== "float32") fail(files.image, `input "${config.imageInput}" must be float32, is ${pixels.type}`);
  if (pixelShape && pixelShape.length !== 4)
    fail(files.image, `input "${config.imageInput}" must be [N, 3, ${config.imageSize}, ${config.imageSize}], is ${show(pixelShape)}`);
  if (pixelShape && fixed(pixelShape[1]) && pixelShape[1] !== 3)
    fail(files.image, `input "${config.imageInput}" must have 3 channels first ([N, 3, H, W]), is ${show(pixelShape)}`);
  for (const d of pixelShape?.slice(2) ?? []) {
    if (fixed(d) && d !== config.imageSize)
      fail(files.image, `input "${config.imageInput}" is ${show(pixelShape!)} but config.json imageSize is ${config.imageSize}`);
  }
  const ids = text.inputMetadata.find((m) => m.name === config.textInput);
  const idShape = shapeOf(ids);
  if (ids?.isTensor && ids.type !== "int64" && ids.type !== "int32")
    fail(files.text, `input "${config.textInput}" must be int64 or int32 token ids, is ${ids.type}`);
  if (idShape && idShape.length !== 2) fail(files.text, `input "${config.textInput}" must be [N, ${config.contextLength}], is ${show(idShape)}`);
  if (idShape && fixed(idShape[1]) && idShape[1] !== config.contextLength)
    fail(files.text, `input "${config.textInput}" is ${show(idShape)} but config.json contextLength is ${config.contextLength}`);
  const imageOut = shapeOf(image.outputMetadata.find((m) => m.name === config.imageOutput));
  const textOut = shapeOf(text.outputMetadata.find((m) => m.name === config.textOutput));
  if (imageOut && imageOut.length !== 2)
    fail(
      files.image,
      `output "${config.imageOutput}" must be [N, D] embeddings, is ${show(imageOut)} (export the projected image features, not the hidden states)`,
    );
  if (textOut && textOut.length !== 2)
    fail(
      files.text,
      `output "${config.textOutput}" must be [N, D] embeddings, is ${show(textOut)} (export the projected text features, not the hidden states)`,
    );
  if (imageOut && textOut && fixed(imageOut[1]) && fixed(textOut[1]) && imageOut[1] !== textOut[1]) {
    fail(
      files.text,
      `embeds ${textOut[1]}-dimensional text but ${files.image} ${imageOut[1]}-dimensional images; both encoders must come from the same CLIP model`,
    );
  }
}
