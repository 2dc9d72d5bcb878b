/** Requirement-set checks: Office's own in the add-in, replaceable in tests. */
export type SupportsSet = (name: string, version: string) => boolean;

export const officeSupports: SupportsSet = (name, version) => {
  try {
    return (
      typeof Office !== "undefined" &&
      Office.context?.requirements?.isSetSupported(name, version) === true
    );
  } catch {
    return false;
  }
};
