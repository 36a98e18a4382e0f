/**
 * A wait from `Retry-After`, in words of the widget's language ("in 2 minutes", "dans 1 heure"), by
 * `Intl.RelativeTimeFormat`: whole seconds under a minute, minutes (rounded up) under an hour, then hours.
 */
export function waitWords(ms: number, lang: string): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const minutes = Math.ceil(seconds / 60);
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    seconds < 60 ? [seconds, 'second'] : minutes < 60 ? [minutes, 'minute'] : [Math.round(seconds / 3600), 'hour'];
  try {
    return new Intl.RelativeTimeFormat([lang], { numeric: 'auto' }).format(value, unit);
  } catch {
    return `${value} ${unit}s`;
  }
}
