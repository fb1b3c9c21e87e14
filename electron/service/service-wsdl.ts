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
    return concreteWsdl({
      about: "FilingReviewMDE of this court's Filing Review service for ECF 4.0 filers (ECF 4.0 Web Services SIP)",
      abstractNamespace: ecf4Wsdl, targetNamespace: 'urn:clerk-review-desk:ecf4:FilingReviewMDEService',
      abstractLocation: `${baseUrl}${schemasPath}ecf4/wsdl/base/ecf-1.xsd`,
      service: 'FilingReviewMDEService', port: 'FilingReviewMDEPort', binding: 'FilingReviewMDEPortSOAPBinding', address,
    });
  }
  const mdeNamespace = `${oasisWsdl}/${endpoint}`;
  return concreteWsdl({
    about: `${endpoint} of this court's Filing Review service (OASIS ECF 5.0 Web Services SIP, document/literal)`,
    abstractNamespace: mdeNamespace, targetNamespace: `${mdeNamespace}Service`,
    abstractLocation: `${baseUrl}${schemasPath}ecf5/webservices/wsdl/${endpoint}.wsdl`,
    service: `${endpoint}Service`, port: `${endpoint}Port`, binding: `${endpoint}Soap`, address,
  });
}

/** A concrete WSDL: imports an abstract one and names one port of its binding at an address. */
function concreteWsdl(wsdl: {
  about: string; abstractNamespace: string; targetNamespace: string; abstractLocation: string;
  service: string; port: string; binding: string; address: string;
}): string {
  const attribute = (value: string): string => escapeXml(value, true);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- ${wsdl.about}. -->
<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:mde="${attribute(wsdl.abstractNamespace)}" targetNamespace="${attribute(wsdl.targetNamespace)}" name="${attribute(wsdl.service)}">
  <import namespace="${attribute(wsdl.abstractNamespace)}" location="${attribute(wsdl.abstractLocation)}"/>
  <service name="${attribute(wsdl.service)}">
    <port name="${attribute(wsdl.port)}" binding="mde:${attribute(wsdl.binding)}"><soap:address location="${attribute(wsdl.address)}"/></port>
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
