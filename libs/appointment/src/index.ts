export * from './appointment.module';
export * from './appointments.service';
export * from './calendar.service';
export * from './citizen-copy.service';
export * from './places.service';
export * from './render-citizen-copy';
export * from './rules';
export * from './dto/appointment.dto';
