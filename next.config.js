// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Plain requires at run time: Argon2's native binding, and pdfkit, which
  // reads its font metrics from files next to its own code.
  serverExternalPackages: ["@node-rs/argon2", "pdfkit"],
  experimental: {
    // Spreadsheet imports go up to 10 MB; the proxy buffers bodies up to this
    // size, so leave room for the multipart envelope.
    proxyClientMaxBodySize: "12mb",
  },
  async headers() {
    // The Content-Security-Policy is per request (it carries a nonce): proxy.ts.
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
