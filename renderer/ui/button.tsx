import type { ButtonHTMLAttributes } from 'react';

/** How much a button stands out: the one main action of a pane, ordinary, destructive, or as plain text. */
export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'link';

/** The desk's button: a real `<button type="button">` styled by variant; disabled looks disabled. */
export function Button({ variant = 'secondary', className, type = 'button', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button type={type} className={`btn btn-${variant}${className ? ` ${className}` : ''}`} {...props} />;
}
