import type { Metadata } from "next";
import localFont from "next/font/local";
import { connection } from "next/server";
import "./globals.css";

// Self-hosted from @fontsource-variable/inter: nothing is fetched from the network.
const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  weight: "100 900",
  display: "swap",
});

export const metadata: Metadata = {
  title: { default: "Conduct Desk", template: "%s · Conduct Desk" },
  description: "Code of Conduct enforcement case management for the core team",
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page, the 404 page included, renders per request: Next puts the request's CSP nonce
  // (proxy.ts) on its inline scripts, and a page prerendered at build time has none to put.
  await connection();
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
