import { SYSTEM_CLIENT_SCOPES } from '../../../common/permissions.js';
import { BARS_EVENTS_SYSTEM, EVENT_REQUEST, FHIR_VERSION } from './fhir-terms.js';
import { readResources } from './read-capabilities.js';

/**
 * What the FHIR edge supports, exactly: receiving a referral message (and its cancellation) by
 * $process-message, with OAuth 2.0 client credentials, and reading state (`rest.resource`, see
 * read-capabilities.ts).
 */
export function capabilityStatement(publicUrl: string, softwareVersion: string) {
  const base = `${publicUrl}/fhir/R4`;
  return {
    resourceType: 'CapabilityStatement',
    id: 'waymark',
    url: `${base}/metadata`,
    name: 'Waymark',
    title: 'Waymark social prescribing referral platform: FHIR R4 edge',
    status: 'active',
    date: '2026-12-06',
    publisher: 'Waymark',
    kind: 'instance',
    software: { name: 'Waymark', version: softwareVersion },
    implementation: { description: 'Waymark FHIR R4 edge', url: base },
    fhirVersion: FHIR_VERSION,
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Receives BaRS-style referral messages from registered systems, and lets them read the state of what they sent (and the public directory). Errors are OperationOutcome resources naming the element or search parameter at fault.',
        security: {
          cors: false,
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'OAuth',
                  display: 'OAuth',
                },
              ],
            },
          ],
          description: `OAuth 2.0 client credentials at ${publicUrl}/oauth2/token: private_key_jwt (preferred; the assertion's aud is the token URL, a unique jti, exp at most 5 minutes ahead) or client_secret_basic / client_secret_post. Scopes: ${SYSTEM_CLIENT_SCOPES.join(', ')}. Send the token as Authorization: Bearer.`,
        },
        resource: readResources(),
        operation: [
          {
            name: 'process-message',
            definition: 'http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message',
            documentation: `POST ${base}/$process-message with a Bundle of type message whose MessageHeader.eventCoding is ${EVENT_REQUEST} (${BARS_EVENTS_SYSTEM}): a ServiceRequest (status active), the Patient with an NHS number, the requester Practitioner and Organization, a Consent (scope treatment; a second with scope patient-privacy for consent to share), optionally Condition and QuestionnaireResponse. The same message with ServiceRequest.status revoked cancels a referral not yet allocated. Needs scope referral.create and the X-Request-ID header; idempotent by X-Request-ID and Bundle.id. Answers a servicerequest-response message.`,
          },
        ],
      },
    ],
    messaging: [
      {
        documentation: 'Synchronous: the response message is the answer to the POST.',
        supportedMessage: [{ mode: 'receiver', definition: `${BARS_EVENTS_SYSTEM}#${EVENT_REQUEST}` }],
      },
    ],
  };
}
