/** Fills `{name}` placeholders. A placeholder without a value stays visible, so a gap is noticed. */
export function formatMessage(template: string, params?: Readonly<Record<string, string | number>>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}
