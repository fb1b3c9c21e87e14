import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { endpointPaths, type EndpointName } from '../../shared/ecf/operation-table';
import { escapeXml } from '../../shared/xml/xml-writer';

/** The URL path under which the service publishes its schemas and abstract WSDLs. */
export const schemasPath = '/schemas/';

const oasisWsdl = 'https://docs.oasis-open.org/legalxml-courtfiling/ns/v5.0WSDL';
const ecf4Wsdl = 'urn:oasis:names:tc:legalxml-courtfiling:wsdl:WebServicesProfile-Definitions-4.0';

/**
 * The concrete WSDL an endpoint serves at `?wsdl`: for an ECF MDE, the OASIS WSDL of that MDE (imported from the
 * service's own copy) with a `service` naming this endpoint's address (for ECF 4 filers, the ECF 4.0 definitions in
 * `schemas/ecf4`); for the extension, its WSDL with the address
 * and schema location filled in. Every file it refers to is served by the service, so a SOAP toolkit can build a
 * client from the URL alone.
 */
export async function endpointWsdl(endpoint: EndpointName, baseUrl: string, schemas: string): Promise<string> {
  const address = `${baseUrl}${endpointPaths[endpoint]}`;
  if (endpoint === 'ClerkReview') {
    const wsdl = await readFile(path.join(schemas, 'clerk-review.wsdl'), 'utf8');
    return wsdl
      .replace('schemaLocation="clerk-review.xsd"', `schemaLocation="${escapeXml(`${baseUrl}${schemasPath}clerk-review.xsd`, true)}"`)
      .replace(/<soap:address location="[^"]*"\/>/, `<soap:address location="${escapeXml(address, true)}"/>`);
  }
  if (endpoint === 'FilingReviewMDE4') {
    // ECF 4.0 filers: the Web Services profile's definitions (Tyler's production set), with this address.
    return `<?xml version="1.0" encoding="UTF-8"?>
<!-- FilingReviewMDE of this court's Filing Review service for ECF 4.0 filers (ECF 4.0 Web Services SIP). -->
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:wsmp="${ecf4Wsdl}" targetNamespace="urn:clerk-review-desk:ecf4:FilingReviewMDEService" name="FilingReviewMDEService">
  <import namespace="${ecf4Wsdl}" location="${escapeXml(`${baseUrl}${schemasPath}ecf4/wsdl/base/ecf-1.xsd`, true)}"/>
  <service name="FilingReviewMDEService">
    <port name="FilingReviewMDEPort" binding="wsmp:FilingReviewMDEPortSOAPBinding"><soap:address location="${escapeXml(address, true)}"/></port>
  </service>
</definitions>
`;
  }
  const mdeNamespace = `${oasisWsdl}/${endpoint}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- ${endpoint} of this court's Filing Review service (OASIS ECF 5.0 Web Services SIP, document/literal). -->
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:mde="${mdeNamespace}" targetNamespace="${mdeNamespace}Service" name="${endpoint}Service">
  <import namespace="${mdeNamespace}" location="${escapeXml(`${baseUrl}${schemasPath}ecf5/webservices/wsdl/${endpoint}.wsdl`, true)}"/>
  <service name="${endpoint}Service">
    <port name="${endpoint}Port" binding="mde:${endpoint}Soap"><soap:address location="${escapeXml(address, true)}"/></port>
  </service>
</definitions>
`;
}

/**
 * A published schema or WSDL file by its path below {@link schemasPath}, or null: only `.xsd` and `.wsdl` files,
 * and never anything outside the schemas folder.
 */
export async function publishedSchemaFile(relative: string, schemas: string): Promise<Buffer | null> {
  if (!/\.(xsd|wsdl)$/.test(relative) || relative.includes('\0')) return null;
  const resolved = path.resolve(schemas, relative);
  if (!resolved.startsWith(path.resolve(schemas) + path.sep)) return null;
  try {
    return await readFile(resolved);
  } catch {
    return null;
  }
}
