// Binds one draft object's keys to the controlled NHS.UK fields (FormFields.tsx), so a form section
// says which key a field edits and nothing else: the element id, the value, the error beside it
// and the change handler all come from the key and the section's path.

/** Where a form's field ids and errors come from, by the field's path ("locations.0.name"). */
export interface FieldPaths {
  id: (path: string) => string;
  error: (path: string) => string | undefined;
}

/**
 * The fields hand back plain strings; a select or checkbox list offers only the members of the
 * key's union as options, so what comes back is one of them.
 */
export type FieldValue<V> = [V] extends [string] ? string : [V] extends [readonly string[]] ? string[] : V;

export interface BoundValue<V> {
  id: string;
  value: V;
  error?: string;
  onChange: (value: FieldValue<V>) => void;
}

export interface BoundCheck<V> {
  id: string;
  checked: V;
  error?: string;
  onChange: (value: FieldValue<V>) => void;
}

/**
 * `bind('name')` gives `{ id, value, error, onChange }` for the key `name` of `draft`;
 * `bind.check('confidential')` the same with `checked` for checkboxes. `prefix` is the section's
 * path ("phones.2."); `path` names the field when the API's path differs from the key
 * ("address.city" for the draft's `city`).
 */
export function fieldBinder<T extends object>(
  draft: T,
  update: (patch: Partial<T>) => void,
  paths: FieldPaths,
  prefix = '',
) {
  const common = <K extends keyof T & string>(key: K, path: string) => ({
    id: paths.id(prefix + path),
    error: paths.error(prefix + path),
    onChange: (value: FieldValue<T[K]>) => update({ [key]: value } as unknown as Partial<T>),
  });
  const bind = <K extends keyof T & string>(key: K, path: string = key): BoundValue<T[K]> => ({
    ...common(key, path),
    value: draft[key],
  });
  bind.check = <K extends keyof T & string>(key: K, path: string = key): BoundCheck<T[K]> => ({
    ...common(key, path),
    checked: draft[key],
  });
  return bind;
}

export type FieldBinder<T extends object> = ReturnType<typeof fieldBinder<T>>;
