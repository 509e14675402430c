import { isJsonObject, SkillproofError } from '@skillproof/core';
import { checkSecureUrl } from './secure-fetch.js';

/**
 * Reads an offer link without fetching anything: `openid-credential-offer://?…`, or an https
 * URL (http only to this machine) carrying the same query, with exactly one of
 * `credential_offer` (the offer by value) and `credential_offer_uri` (by reference). The URL an
 * offer is fetched from, or the `credential_issuer` an offer by value names, must be https (http
 * only to this machine), so a hostile link is refused before any request.
 *
 * @throws SkillproofError `VALIDATION_FAILED` saying what is wrong with the link.
 * @example
 * ```ts
 * checkOfferLink('openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Foffers%2F1');
 * ```
 */
export function checkOfferLink(link: string): void {
  const notAnOffer = (why: string): never => {
    throw new SkillproofError(
      'VALIDATION_FAILED',
      `that is not a credential offer: ${why}. An offer is an openid-credential-offer:// link (or an https URL) with credential_offer or credential_offer_uri`,
    );
  };
  let url: URL | undefined;
  try {
    url = new URL(link);
  } catch {
    url = undefined;
  }
  if (!url) return notAnOffer('it is not a URL');
  if (url.protocol !== 'openid-credential-offer:') checkSecureUrl(link, 'the offer link');
  const byValue = url.searchParams.getAll('credential_offer');
  const byReference = url.searchParams.getAll('credential_offer_uri');
  if (byValue.length + byReference.length !== 1) {
    return notAnOffer('it needs exactly one credential_offer or credential_offer_uri');
  }
  const [reference] = byReference;
  if (reference !== undefined) {
    checkSecureUrl(reference, 'the offer address (credential_offer_uri)');
    return;
  }
  let offer: unknown;
  try {
    offer = JSON.parse(byValue[0] ?? '');
  } catch {
    return notAnOffer('its credential_offer is not JSON');
  }
  const issuer = isJsonObject(offer) ? offer['credential_issuer'] : undefined;
  if (typeof issuer !== 'string')
    return notAnOffer('its credential_offer names no credential_issuer');
  checkSecureUrl(issuer, 'the offer’s credential_issuer');
}
