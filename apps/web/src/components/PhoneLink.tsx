/** A phone number that a phone can call with one tap (`tel:`, digits and a leading + only). */
export function PhoneLink({ phone }: { phone: string }) {
  return (
    <a href={`tel:${phone.replace(/[^0-9+]/g, '')}`} className="tel">
      {phone}
    </a>
  );
}
