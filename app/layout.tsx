import type { Metadata } from "next";
import localFont from "next/font/local";
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

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
