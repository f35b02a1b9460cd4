import { describe, expect, it } from "vitest";
import { parseClipConfig } from "./parse-clip-config";

describe("parseClipConfig", () => {
  it("defaults to OpenAI CLIP ViT-B/32 preprocessing", () => {
    const config = parseClipConfig("{}", "c.json");
    expect(config).toMatchObject({ imageSize: 224, resizeTo: 224, contextLength: 77, padTokenId: 0, imageOutput: "image_embeds" });
    expect(config.mean[0]).toBeCloseTo(0.4815, 4);
  });

  it("keeps given values", () => {
    expect(parseClipConfig('{"imageSize": 32, "resizeTo": 40, "contextLength": 16}', "c.json")).toMatchObject({
      imageSize: 32,
      resizeTo: 40,
      contextLength: 16,
    });
  });

  it("names the file and the key for bad values, unknown keys and bad JSON", () => {
    expect(() => parseClipConfig('{"imageSize": -1}', "m/config.json")).toThrow(/m\/config\.json: imageSize:/);
    expect(() => parseClipConfig('{"std": [1, 0, 1]}', "m/config.json")).toThrow(/std: std must be positive/);
    expect(() => parseClipConfig('{"imgSize": 3}', "m/config.json")).toThrow(/m\/config\.json: imgSize/);
    expect(() => parseClipConfig("{", "m/config.json")).toThrow(/m\/config\.json: not valid JSON/);
  });
});
