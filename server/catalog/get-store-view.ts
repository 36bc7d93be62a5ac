// What the storefront needs to show: products with their price in words, and whether this is the demo.
import "server-only";
import { getEnv } from "@/server/env";
import { getCatalog } from "@/server/catalog/get-catalog";
import { formatMoney } from "@/server/catalog/format-money";
import type { Product } from "@/server/catalog/schemas";

export type ProductCard = {
  slug: string;
  name: string;
  description: string;
  priceText: string | null;
  fileNames: string[];
  downloadLimit: number | null;
  linkTtlHours: number;
  hasLicenseKeys: boolean;
};

function toCard(product: Product): ProductCard {
  return {
    slug: product.slug,
    name: product.name,
    description: product.description,
    priceText: product.price ? formatMoney(product.price.amount, product.price.currency) : null,
    fileNames: product.files.map((file) => file.name),
    downloadLimit: product.downloadLimit ?? null,
    linkTtlHours: product.linkTtlHours,
    hasLicenseKeys: Boolean(product.licenseKeys),
  };
}

export function getStoreView() {
  const env = getEnv();
  return { storeName: env.STORE_NAME, supportEmail: env.SUPPORT_EMAIL, isDemo: env.isDemo, products: getCatalog().products.map(toCard) };
}

export function getProductCard(slug: string): ProductCard | null {
  const product = getCatalog().products.find((candidate) => candidate.slug === slug);
  return product ? toCard(product) : null;
}
