"use client";

// Replaces the root layout when it fails, so no translations are available:
// a short bilingual message, no error details.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: "system-ui, sans-serif", textAlign: "center", padding: "4rem 1rem" }}>
        <h1>出错了 · Something went wrong</h1>
        <p>请稍后重试。Please try again later.</p>
        <button type="button" onClick={reset}>
          重试 · Try again
        </button>
      </body>
    </html>
  );
}
