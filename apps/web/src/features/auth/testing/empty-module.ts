// Stands in for "server-only" when server modules run under vitest (outside Next's bundler).
export {};
