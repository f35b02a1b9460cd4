import type { Program } from "../../core/program";

/** Test programs shared by the runner tests; inputs are short texts. */
export const CLASSES = ["ham", "spam"] as const;

export const py = (name: string, body: string): Program => ({ name, language: "python", functionName: "label_function", source: body });
export const js = (name: string, body: string): Program => ({ name, language: "javascript", functionName: "label_function", source: body });

export const PY_KEYWORD = py(
  "py_keyword",
  "import re\n\ndef label_function(text):\n    if re.search(r'\\bfree\\b', text):\n        return 'spam'\n    return 1 if 'win' in text else -1\n",
);
export const JS_KEYWORD = js(
  "js_keyword",
  "function label_function(text) {\n  console.log(text);\n  if (/\\bfree\\b/.test(text)) return 'SPAM';\n  return text.length > 12 ? 0 : -1;\n}\n",
);
export const PY_BOOM = py("py_boom", "def label_function(text):\n    if 'boom' in text:\n        return 1 / 0\n    return 0\n");
export const JS_BOOM = js(
  "js_boom",
  "const label_function = (text) => {\n  if (text.includes('boom')) throw new TypeError('no boom allowed');\n  return 1;\n};\n",
);
export const PY_LOOP = py("py_loop", "def label_function(text):\n    while 'loop' in text:\n        pass\n    return 0\n");
export const JS_LOOP = js("js_loop", "function label_function(text) {\n  while (text.includes('loop')) {}\n  return 1;\n}\n");

export const TEXTS = ["free money", "hello there friend", "win a prize", "boom", "ok", "free loop", "loop", "a very long message here", "x"];
